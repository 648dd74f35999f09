"""Domain package of the Carte de l'exercice coordonné.

Imports no Streamlit: everything here is testable with plain pytest and
reusable from scripts and the command line. docs/ARCHITECTURE.md draws the rooms:

zones, reference, structures, territories, indicators, completeness, cards, layers   one module per concept
barometer/   official series and targets         charts/     plotly figures, their tables and captions
maps/        folium maps                         importing/  uploaded bytes -> validated layer (imports.py is its door)
store/       versioned layer store               sources/    live connectors        access/   distances, scenarios
texts/       every French word a user reads, French number/date formats, escaping

GDAL is locked down here, first: any geo module may import pyogrio, and the drivers GDAL registers
are fixed when it does (see geo.importing.lockdown).
"""

from geo.importing.lockdown import lock_down as _lock_down

_lock_down()
