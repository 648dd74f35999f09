"""Folium maps."""
