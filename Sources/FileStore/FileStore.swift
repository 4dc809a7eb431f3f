// The FileStore module: FileEventStore lands here (issue 3).
