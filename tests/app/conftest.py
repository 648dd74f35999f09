"""AppTest runs pages in this process and leaves traces a later test would inherit:

- Streamlit's resource cache (the store accessor, the sign-in throttle) would carry one test's store
  and counts into the next;
- the last script stays ``sys.modules["__main__"]``: a later test starting a process with
  multiprocessing's "spawn" would run app.py again in the child.

Each test starts without them.
"""

from __future__ import annotations

import sys

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_resource_cache():
    main = sys.modules["__main__"]
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()
    sys.modules["__main__"] = main
