"""msgspec Structs at the HTTP boundary, one module per resource."""
