/* SPDX-License-Identifier: MIT */
/* Terminals through a pty pair: TIOCGPTN/TIOCSPTLCK, termios, window size. */
#include "../guest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
    int master, slave, unlock = 0;
    unsigned ptn = 1u << 31;
    char name[64];
    struct termios t;
    struct winsize ws = { 0 }, ws2 = { 0 };
    char buf[32] = { 0 };
    int avail = -1;

    master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (master < 0) {
        /* Some sandboxes have no ptys: say so the same way everywhere. */
        printf("no /dev/ptmx (errno %d)\n", errno);
        return guest_done();
    }
    CHECK_EQ(ioctl(master, TIOCGPTN, &ptn), 0, "TIOCGPTN");
    CHECK(ptn < (1u << 31), "pty number");
    CHECK_EQ(ioctl(master, TIOCSPTLCK, &unlock), 0, "TIOCSPTLCK");
    snprintf(name, sizeof(name), "/dev/pts/%u", ptn);
    printf("ptsname matches TIOCGPTN %d\n", strcmp(name, ptsname(master)) == 0);
    slave = open(name, O_RDWR | O_NOCTTY);
    CHECK(slave >= 0, "open slave: %d", errno);
    printf("isatty slave %d master %d\n", isatty(slave), isatty(master));

    /* termios: raw mode round trip through TCSETS/TCGETS. */
    CHECK_EQ(tcgetattr(slave, &t), 0, "tcgetattr");
    printf("default: icanon %d echo %d vmin %d\n", !!(t.c_lflag & ICANON),
           !!(t.c_lflag & ECHO), t.c_cc[VMIN]);
    cfmakeraw(&t);
    t.c_cc[VMIN] = 3;
    t.c_cc[VTIME] = 7;
    CHECK_EQ(tcsetattr(slave, TCSANOW, &t), 0, "tcsetattr now");
    CHECK_EQ(tcsetattr(slave, TCSADRAIN, &t), 0, "tcsetattr drain");
    CHECK_EQ(tcsetattr(slave, TCSAFLUSH, &t), 0, "tcsetattr flush");
    memset(&t, 0, sizeof(t));
    CHECK_EQ(tcgetattr(slave, &t), 0, "tcgetattr 2");
    printf("raw: icanon %d echo %d opost %d vmin %d vtime %d cs8 %d\n",
           !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO),
           !!(t.c_oflag & OPOST), t.c_cc[VMIN], t.c_cc[VTIME],
           (t.c_cflag & CSIZE) == CS8);
    CHECK_EQ(cfsetospeed(&t, B9600), 0, "cfsetospeed");
    CHECK_EQ(tcsetattr(slave, TCSANOW, &t), 0, "set speed");
    CHECK_EQ(tcgetattr(slave, &t), 0, "get speed");
    printf("ospeed is B9600 %d\n", cfgetospeed(&t) == B9600);

    /* Window size. */
    ws.ws_row = 33;
    ws.ws_col = 111;
    CHECK_EQ(ioctl(master, TIOCSWINSZ, &ws), 0, "TIOCSWINSZ");
    CHECK_EQ(ioctl(slave, TIOCGWINSZ, &ws2), 0, "TIOCGWINSZ");
    printf("winsize %ux%u\n", ws2.ws_row, ws2.ws_col);

    /* Data: master -> slave in raw mode, FIONREAD, flush, xon/xoff. */
    CHECK_EQ(write(master, "abc", 3), 3, "write master");
    usleep(10000);
    CHECK_EQ(ioctl(slave, FIONREAD, &avail), 0, "FIONREAD");
    printf("FIONREAD %d\n", avail);
    CHECK_EQ(read(slave, buf, sizeof(buf)), 3, "read slave");
    printf("slave read %s\n", buf);
    CHECK_EQ(write(master, "zz", 2), 2, "write 2");
    usleep(10000);
    CHECK_EQ(tcflush(slave, TCIFLUSH), 0, "tcflush");
    CHECK_EQ(ioctl(slave, FIONREAD, &avail), 0, "FIONREAD 2");
    printf("after flush FIONREAD %d\n", avail);
    CHECK_EQ(tcflow(slave, TCOON), 0, "tcflow");
    CHECK_EQ(tcdrain(slave), 0, "tcdrain");
    CHECK_EQ(tcsendbreak(slave, 0), 0, "tcsendbreak");
    {
        int nb = 1;
        CHECK_EQ(ioctl(slave, FIONBIO, &nb), 0, "FIONBIO");
        CHECK_EQ(read(slave, buf, 1), -1, "nonblocking read");
        printf("nonblocking read errno %d\n", errno);
    }
    CHECK_EQ(ioctl(slave, TIOCGPGRP, &avail), -1, "TIOCGPGRP not ctty");
    printf("TIOCGPGRP without ctty errno %d\n", errno);
    close(slave);
    close(master);
    return guest_done();
}
