"""Domain package of the Carte de l'exercice coordonné.

Imports no Streamlit: everything here is testable with plain pytest and
reusable from scripts and the command line.

GDAL is locked down here, first: any geo module may import pyogrio, and the drivers GDAL registers
are fixed when it does (see geo.importing.lockdown).
"""

from geo.importing.lockdown import lock_down as _lock_down

_lock_down()
