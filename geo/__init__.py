"""Domain package of the Carte de l'exercice coordonné.

Imports no Streamlit: everything here is testable with plain pytest and
reusable from scripts and the command line.
"""
