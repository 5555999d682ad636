"""The plan's tables: Qt models over the schema, delegates, copy/paste and the tabbed dock widget."""
