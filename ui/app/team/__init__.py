"""Team work in the app: the annotator's name, the Team menu, and review mode for adjudication."""
