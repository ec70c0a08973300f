"""The learned attribution model: anchors and roles, on top of the rules."""
