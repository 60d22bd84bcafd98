"""Small HTTP servers the twin runs beside the chat platforms."""
