"""The one caching rule of the app, so no page invents its own.

Two kinds of data, two caches:

- what ships in data/ never changes while the server runs: geo's loaders keep it
  with functools.lru_cache (plain Python, testable without Streamlit) and the
  pages call them directly — no second cache on top;
- everything built from the store's layers (saved by analysts) depends on the
  data version of its territory, ``frame.data_token(dep, kinds)``, which changes
  when a save or a rollback touches that département's layers of those kinds (or
  a France-wide layer), in any instance, and only then (``frame.zone_token(zone)``
  for a région or France): such results are cached here with ``per_version``, the
  token among the arguments, so a save shows at once, every viewer shares one copy
  until then, and a save in D29 leaves D22's copies alone. Bounded: the entries
  not used for longest fall out.

A third, ``shipped``, for what a page builds from shipped data only and that
costs more than the data itself: one copy for every session (the trajectory
charts of Couverture, ~0.1 s of plotly per figure), bounded as well.

A fourth, ``per_territory``, for Couverture's figures of one territory (zone, data version), shared by every
session: the national map is some 2 MB, so a few dozen at most.

``per_version``, ``per_territory`` and ``shipped`` are ``st.cache_resource`` (the object itself,
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
# Couverture's progress and map figures: a few territories x schedules x metrics at once.
TERRITORY_ENTRIES = 48

per_territory = st.cache_resource(show_spinner=False, max_entries=TERRITORY_ENTRIES)
# Process-wide objects that hold no data (the store connection, labels built from shipped files).
process = st.cache_resource(show_spinner=False)
