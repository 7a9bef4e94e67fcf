"""What the app tells the annotator after a gesture or a job: status sentences and the skipped-articles dialog.

Imports the core and Qt only; the window, the gestures and the background operations call it.
"""
