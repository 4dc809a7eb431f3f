print("competence: the demo lands here")
