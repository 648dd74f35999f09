"""Story mode in the page: a presenter steps through a saved story (?histoire=NAME&etape=N) with buttons or the
keyboard's arrows; an analyst adds the current view to a story. Streamlit glue; the stories live in geo.stories
and geo.store.stories.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import analyst
import frame
import viewlink
from geo import links, stories, texts
from geo.store import StoreError
from geo.store import stories as saved

APPLIED_KEY = "story_applied"  # (story, version, step) whose view was last applied: applied once, then free
GOTO_KEY = "story_goto"  # the step a button asked for, applied on the next run
NOTICE_KEY = "story_notice"
NEXT_KEY, PREVIOUS_KEY = "story_next", "story_previous"
# Listens on the page itself (st.html runs it in the document, not in a frame) and clicks the step buttons;
# added once per page load; arrows typed in a field, a list, a slider or the tabs keep their own meaning.
KEYS_SCRIPT = """<script>
if (!window.storyKeysInstalled) {
  window.storyKeysInstalled = true;
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const keys = {ArrowRight: "NEXT_KEY", ArrowLeft: "PREVIOUS_KEY"};
    const target = event.target;
    if (!keys[event.key] || (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
        || target.closest('[role="tablist"],[role="radiogroup"],[role="slider"],[role="listbox"]')))) return;
    const button = document.querySelector(".st-key-" + keys[event.key] + " :is(button, a)");
    if (!button || button.disabled || button.getAttribute("aria-disabled") === "true") return;
    event.preventDefault();
    button.click();
  });
}
</script>""".replace("NEXT_KEY", NEXT_KEY).replace("PREVIOUS_KEY", PREVIOUS_KEY)


def play(pages: Mapping[str, st.Page], current: str) -> None:
    """With ?histoire=NAME: open the step the link names on its page and view, then show the step bar."""
    name = st.query_params.get(links.STORY_PARAM)
    if not name:
        return
    try:
        story = saved.load_story(frame.store(), name)
    except (StoreError, stories.StoryError) as exc:
        st.warning(texts.STORY_UNREADABLE.format(detail=texts.md_escape(str(exc))), icon=":material/error:")
        return
    if story is None or not story.steps:
        st.info(texts.STORY_UNKNOWN.format(name=links.shown(name)), icon=":material/link_off:")
        st.query_params.from_dict({k: v for k, v in st.query_params.to_dict().items()
                                   if k not in (links.STORY_PARAM, links.STEP_PARAM)})
        return
    index = st.session_state.pop(GOTO_KEY, None)
    if index is None:
        index, notice = stories.step_index(st.query_params.get(links.STEP_PARAM), story)
        if notice:
            st.session_state[NOTICE_KEY] = notice
    if st.session_state.get(APPLIED_KEY) != (story.name, story.version, index):
        st.session_state[APPLIED_KEY] = (story.name, story.version, index)
        params = step_params(story, index)
        if story.steps[index].page != current or st.query_params.to_dict() != params:
            st.switch_page(pages[story.steps[index].page], query_params=params)
    bar(story, index, pages, current)


def step_params(story: stories.Story, index: int) -> dict[str, str]:
    """The step's view, where the presenter is (story, step) and whether the screen is shared."""
    params = {**story.steps[index].params, links.STORY_PARAM: story.name, links.STEP_PARAM: str(index + 1)}
    if frame.presenting():
        params[links.PRESENTATION_PARAM] = "1"
    return params


def go(index: int) -> None:
    st.session_state[GOTO_KEY] = index


def step_control(story: stories.Story, target: int, pages: Mapping[str, st.Page], current: str,
                 key: str, label: str, icon: str) -> None:
    """A button to the step `target` on this page; a page link to a step on another page.

    Each makes one entry in the browser's history: st.switch_page to another page would make two (its new
    parameters on the old page's path, then the new path), and Back would stop on the first, a view that never was.
    """
    exists = 0 <= target < len(story.steps)
    with st.container(key=key):
        if exists and story.steps[target].page != current:
            st.page_link(pages[story.steps[target].page], label=label, icon=icon, help=texts.STORY_KEYS_HELP,
                         query_params=step_params(story, target))
        else:
            st.button(label, icon=icon, disabled=not exists, on_click=go, args=(target,), help=texts.STORY_KEYS_HELP,
                      key=key + "_button")


def bar(story: stories.Story, index: int, pages: Mapping[str, st.Page], current: str) -> None:
    step = story.steps[index]
    with st.container(border=True, key="story_bar"):
        if notice := st.session_state.pop(NOTICE_KEY, None):
            st.info(notice, icon=":material/link_off:")
        st.caption(texts.STORY_STEP.format(name=texts.md_escape(story.name), step=index + 1, count=len(story.steps)))
        st.subheader(texts.md_escape(step.title), anchor=False)
        if step.caption:
            st.markdown(texts.md_escape(step.caption))
        with st.container(horizontal=True):
            step_control(story, index - 1, pages, current, PREVIOUS_KEY, texts.STORY_PREVIOUS,
                         ":material/arrow_back:")
            step_control(story, index + 1, pages, current, NEXT_KEY, texts.STORY_NEXT,
                         ":material/arrow_forward:")
        st.html(KEYS_SCRIPT, unsafe_allow_javascript=True)


def panel(current: str) -> None:
    """In the sidebar: the saved stories (a link each) and, for an analyst, « add this view to a story »."""
    store = frame.store()
    with st.sidebar.expander(texts.STORY_PANEL):
        try:
            known = saved.list_stories(store)
        except (StoreError, stories.StoryError) as exc:
            st.caption(texts.STORY_UNREADABLE.format(detail=texts.md_escape(str(exc))))
            known = []
        st.caption(texts.STORY_LIST if known else texts.STORY_NONE)
        for story in known:
            # straight to the first step's page: a link to another page would be switched, two history entries
            link = story.steps[0].link(story.name, 1)
            st.markdown(texts.STORY_LIST_ITEM.format(name=texts.md_escape(story.name), link=link,
                                                     count=len(story.steps), version=story.version))
        password = analyst.analyst_password(store)
        if not password:
            st.caption(texts.STORY_SIGN_IN_FIRST)
            return
        with st.form("story_add", clear_on_submit=False, border=False):
            name = st.text_input(texts.STORY_NAME, help=texts.STORY_NAME_HELP, max_chars=stories.MAX_NAME,
                                 key="story_name")
            title = st.text_input(texts.STORY_TITLE, max_chars=stories.MAX_TITLE, key="story_title")
            caption = st.text_area(texts.STORY_CAPTION, max_chars=stories.MAX_CAPTION, key="story_caption")
            author = st.text_input(texts.STORY_AUTHOR, key="story_author")
            # the view as the browser shows it at the submit: the map moves with no run (viewlink.py)
            seen = viewlink.link_in_form("story_link")
            if st.form_submit_button(texts.STORY_SAVE, icon=":material/bookmark_add:"):
                add_view(store, password, current, seen, name, title, caption, author)


def add_view(store, password: str, current: str, seen: Mapping[str, str], name: str, title: str, caption: str,
             author: str) -> None:
    """Add the view `seen` (the link's parameters as the browser showed them) to the story `name`."""
    try:
        if not author.strip():
            raise stories.StoryError(texts.STORY_AUTHOR_EMPTY)
        name = stories.check_name(name)
        step = stories.make_step(current, seen, title, caption)
        story = saved.load_story(store, name) or stories.Story(name)
        result = saved.save_story(store, story.with_step(step), author=author.strip(), password=password)
    except (stories.StoryError, StoreError) as exc:
        st.error(str(exc))
        return
    st.success(texts.STORY_SAVED.format(step=len(result.steps), name=texts.md_escape(result.name),
                                        version=result.version))
