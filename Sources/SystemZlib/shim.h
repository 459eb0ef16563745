// Debian's zlib1g-dev installs zlib.h in /usr/include.
#include <zlib.h>
