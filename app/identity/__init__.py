"""Identity documents: validators for typed identifiers and the glue from card readers to `CardData`."""
