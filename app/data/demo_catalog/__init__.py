"""The bundled demo catalog (YAML data, see docs/catalog-format.md); a package only so it ships as package data."""
