"""The supply-chain canvas: lanes per stage, a card per facility, arrows for links."""
