// The PostgresStore module: PostgresEventStore lands here (issue 4).
import CLibPQ
