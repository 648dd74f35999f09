"""Access to care: nearest-structure distances, population beyond 10/20 km, gap finder, scenarios."""
