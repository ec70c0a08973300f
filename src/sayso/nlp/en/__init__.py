"""English: the sentence rules of the language layer and the attribution rules."""
