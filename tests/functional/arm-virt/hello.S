/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal arm64 "Image" for the virt board's boot protocol: checks
 * that x0 points at a device tree (magic 0xd00dfeed; x0 = 0: at the
 * start of RAM, where QEMU puts it for ELF files), that x1..x3 are 0
 * and that it runs where the header's text_offset says, prints the
 * result on the PL011 and powers off through PSCI SYSTEM_OFF (HVC).
 * Needs no MMU, no exception vectors and no interrupts.
 */
    .text
    .globl _start
_start:
    /* The arm64 Image header (Documentation/arm64/booting.rst). */
    b       entry                   /* code0 */
    .word   0                       /* code1 */
    .quad   0x200000                /* text_offset: 2 MiB into RAM */
    .quad   image_end - _start      /* image_size */
    .quad   0x2                     /* flags: little-endian, 4K pages */
    .quad   0, 0, 0                 /* res2..res4 */
    .ascii  "ARM\x64"               /* magic */
    .word   0                       /* res5 */

entry:
    orr     x9, x1, x2              /* x1..x3 must be zero */
    orr     x9, x9, x3
    ldr     x20, =0x09000000        /* PL011 data register */
    adr     x1, ok_msg
    /* QEMU passes no x0 to an ELF: its DT is then at the start of RAM. */
    cbnz    x0, 0f
    ldr     x0, =0x40000000
0:  ldr     w2, [x0]
    ldr     w3, =0xedfe0dd0         /* 0xd00dfeed read little-endian */
    cmp     w2, w3
    b.eq    1f
    adr     x1, bad_dtb_msg
1:  adr     x5, _start
    ldr     x6, =0x40200000         /* RAM base + text_offset */
    cmp     x5, x6
    b.eq    2f
    adr     x1, bad_addr_msg
2:  cbz     x9, 3f
    adr     x1, bad_regs_msg
3:  bl      puts
    ldr     w0, =0x84000008         /* PSCI SYSTEM_OFF */
    hvc     #0
4:  wfi
    b       4b

/* Print the NUL-terminated string at x1 (uses x1, w7). */
puts:
    ldrb    w7, [x1], #1
    cbz     w7, 5f
    str     w7, [x20]
    b       puts
5:  ret

ok_msg:
    .asciz  "VEMU-BARE-OK dtb-magic entry-addr\r\n"
bad_dtb_msg:
    .asciz  "VEMU-BARE-FAIL: x0 is no device tree\r\n"
bad_addr_msg:
    .asciz  "VEMU-BARE-FAIL: not loaded at RAM base + text_offset\r\n"
bad_regs_msg:
    .asciz  "VEMU-BARE-FAIL: x1..x3 are not zero\r\n"
    .balign 8
    .ltorg
image_end:
