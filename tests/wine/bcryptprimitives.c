/* A stand-in for Windows' bcryptprimitives.dll, for testing under Wine only
 * (never shipped). Debian's Wine 8 has no bcryptprimitives.dll, and Rust's
 * standard library imports ProcessPrng from it for random numbers (hash map
 * seeds, temporary file names): without it the program exits with status 53
 * and prints nothing. Real Windows (8 and later) has the DLL.
 *
 * Built by .ci/release-test:
 *   x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll \
 *       bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* RtlGenRandom (SystemFunction036) takes a ULONG: fill in pieces. */
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
