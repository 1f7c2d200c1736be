"""Sources: turn a file on disk into extracted text plus structure hints (`SourceText`)."""
