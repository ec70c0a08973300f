"""German rules of the language layer: news tokenizer, sentences, Konjunktiv."""
