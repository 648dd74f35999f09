"""The one caching rule of the app, so no page invents its own.

Two kinds of data, two caches:

- what ships in data/ never changes while the server runs: geo's loaders keep it
  with functools.lru_cache (plain Python, testable without Streamlit) and the
  pages call them directly — no second cache on top;
- everything built from the store's layers (saved by analysts) depends on the
  data version, ``frame.data_token(dep)``, which changes on every save or
  rollback: such results are cached here with ``per_version``, with the token
  as an argument, so a save shows at once and every viewer shares one copy
  until then. Bounded: the entries of old versions fall out.

A third, ``shipped``, for what a page builds from shipped data only and that
costs more than the data itself: one copy for every session (the trajectory
charts of Couverture, ~0.1 s of plotly per figure), bounded as well.

``per_version`` and ``shipped`` are ``st.cache_resource`` (the object itself,
no pickled copy per hit): callers must never mutate what they return.
"""

from __future__ import annotations

import streamlit as st

# Enough for a few départements x (choropleth, version) at once; older versions are dropped first.
VERSION_ENTRIES = 12

per_version = st.cache_resource(show_spinner=False, max_entries=VERSION_ENTRIES)
# Built from shipped data: a few hundred figures (every indicator of some 30 territories, two schedules).
SHIPPED_ENTRIES = 400

shipped = st.cache_resource(show_spinner=False, max_entries=SHIPPED_ENTRIES)
# Process-wide objects that hold no data (the store connection, labels built from shipped files).
process = st.cache_resource(show_spinner=False)
