#ifndef COMPETENCE_CLIBPQ_SHIM_H
#define COMPETENCE_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/// Character-literal macros that Swift does not import, re-exported as constants.
static const int CLIBPQ_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int CLIBPQ_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int CLIBPQ_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int CLIBPQ_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
#endif
