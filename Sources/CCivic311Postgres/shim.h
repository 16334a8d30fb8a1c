#ifndef CCIVIC311POSTGRES_SHIM_H
#define CCIVIC311POSTGRES_SHIM_H

// Debian's libpq-dev puts the client headers under /usr/include/postgresql, which is not on the
// default include path; other systems (Homebrew, source builds) install them directly.
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#else
#include <libpq-fe.h>
#endif

#endif
