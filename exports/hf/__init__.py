"""The Hugging Face dataset export: Parquet shards per config and split, plus the dataset card.

``dataset`` reads and writes the folder; the other modules are its internals (Arrow schema,
column tables, token batches, chunking, splits, shard writers, card).
"""
