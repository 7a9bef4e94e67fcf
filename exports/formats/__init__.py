"""The peer tools' formats, one module each: CoNLL, brat, Prodigy, doccano, Label Studio, spaCy DocBin."""
