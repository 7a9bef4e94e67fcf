"""Models that learn from the annotator's corrections: training data, spaCy training, versions.

``training_data`` decides what is trained on and held out; ``training`` builds the spaCy config
and trains through spaCy's own API; ``model_versions`` stores versions beside the project and
activates a better one; ``suggester`` picks the pipeline pre-labeling uses; ``train_job`` and
``learn`` run a training as a job (the CLI, the app's background process).
"""
