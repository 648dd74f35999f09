"""AppTest runs pages in this process: Streamlit's resource cache (the store accessor, the sign-in throttle)
would carry one test's store and counts into the next. Each test starts with it empty."""

from __future__ import annotations

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_resource_cache():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()
