import ArgumentParser
import CompetenceCore
import CompetenceReports

// The libraries' value types, read from the command line.

extension ReportName: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension RoundKind: ExpressibleByArgument {}
extension ReportAudience: ExpressibleByArgument {}
