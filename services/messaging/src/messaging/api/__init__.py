"""HTTP: parse, call the use case, render."""
