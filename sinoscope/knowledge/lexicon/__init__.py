"""Word lists that are data: indicator names in Chinese and English, and the words a name is normalised by."""
