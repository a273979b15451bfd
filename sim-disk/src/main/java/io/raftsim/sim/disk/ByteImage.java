package io.raftsim.sim.disk;

import java.util.Arrays;

/**
 * A file's bytes (durable or as the page cache shows them), growable, held in fixed-size pages.
 *
 * <p>Why pages: a segment file grows by one 512-byte frame per append up to megabytes, in two
 * images (page cache and durable). One flat array regrown by doubling copied and zeroed every file
 * again and again, and showed as the disk model's largest cost in a fuzz campaign. With pages a
 * write touches only the pages it covers. A file smaller than one page keeps a single, smaller
 * array grown by doubling, so the many small files (metadata, snapshots' meta) stay small.
 *
 * <p>Why 4 KiB pages (they were 64 KiB): every segment file's first page grew by doubling up to
 * the page size, copying as it went, the last page of each image was mostly empty, and a crash
 * copies whole pages; in allocation profiles of a fuzz campaign the disk model's page arrays and
 * their growth copies were the largest allocation sites (fuzz 0..99: 3% less allocation in all).
 * The log's writes are whole aligned frames (512 bytes by default), so few span two pages.
 *
 * <p>Invariant: every byte at or beyond {@link #size()} reads as zero once the image grows over it
 * again (truncation zeroes what it cuts), as a file's hole does.
 */
final class ByteImage {
    /** Files are small in simulation; this keeps offsets in int range with a clear error. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 16;

    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_BYTES = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_BYTES - 1;
    private static final byte[][] NO_PAGES = new byte[0][];

    /**
     * Pages covering at least [0, size): every page but the first is PAGE_BYTES long; the first is
     * shorter only while it is the only page. Pages past the ones needed may exist (after a cut).
     */
    private byte[][] pages;

    /**
     * {@code shared[i]}: page {@code i} may also be another image's, so it is cloned before its
     * first change here (copy on write). Same length as {@link #pages}.
     */
    private boolean[] shared;

    private int size;

    ByteImage() {
        this(NO_PAGES, new boolean[0], 0);
    }

    private ByteImage(byte[][] pages, boolean[] shared, int size) {
        this.pages = pages;
        this.shared = shared;
        this.size = size;
    }

    /**
     * An independent image with the same bytes. The pages are shared until either image changes
     * one: a crash makes every file's page cache a copy of its durable image, and later writes
     * touch only the last pages, so copying them all up front was wasted.
     */
    ByteImage copy() {
        int n = pagesFor(size);
        byte[][] copied = new byte[n][];
        System.arraycopy(pages, 0, copied, 0, n);
        boolean[] copiedShared = new boolean[n];
        Arrays.fill(copiedShared, true);
        Arrays.fill(shared, 0, n, true);
        return new ByteImage(copied, copiedShared, size);
    }

    /** Page {@code i}, made this image's own first if it may be shared. */
    private byte[] writable(int i) {
        byte[] page = pages[i];
        if (shared[i]) {
            page = page.clone();
            pages[i] = page;
            shared[i] = false;
        }
        return page;
    }

    int size() {
        return size;
    }

    static void checkRange(long offset, long len) {
        if (offset < 0 || len < 0 || offset + len > MAX_SIZE) {
            throw new DiskException(DiskErrorKind.IO, "range " + offset + "+" + len + " outside 0.." + MAX_SIZE);
        }
    }

    private static int pagesFor(int bytes) {
        return (int) (((long) bytes + PAGE_BYTES - 1) >>> PAGE_SHIFT);
    }

    /** Makes [0, end) addressable (new bytes are zero). */
    private void ensureCapacity(int end) {
        if (end <= size) {
            // Already covered (the class invariant): most writes overwrite or fill the last page.
            return;
        }
        int need = pagesFor(end);
        if (need > pages.length) {
            // Not Arrays.copyOf: for a byte[][] it allocates through reflection (Array.newInstance)
            // unless the JIT inlines it into a constant-class copy, which the launcher's small
            // inlining limits prevent; it showed in profiles of every new file's first write.
            byte[][] grown = new byte[Math.max(need, pages.length * 2)][];
            System.arraycopy(pages, 0, grown, 0, pages.length);
            pages = grown;
            shared = Arrays.copyOf(shared, grown.length);
        }
        byte[] first = pages[0];
        if (need > 1) {
            if (first == null || first.length < PAGE_BYTES) {
                pages[0] = first == null ? new byte[PAGE_BYTES] : Arrays.copyOf(first, PAGE_BYTES);
                shared[0] = false;
            }
        } else if (first == null) {
            pages[0] = new byte[end];
            shared[0] = false;
        } else if (first.length < end) {
            pages[0] = Arrays.copyOf(first, Math.min(PAGE_BYTES, Math.max(end, first.length * 2)));
            shared[0] = false;
        }
        // Pages below pagesFor(size) exist (the invariant), so only the new tail needs a look: a
        // scan from page 1 cost a pass over every page of a megabyte segment per append, the disk
        // model's largest self time in a fuzz campaign profile.
        for (int i = Math.max(1, pagesFor(size)); i < need; i++) {
            if (pages[i] == null) {
                pages[i] = new byte[PAGE_BYTES];
            }
        }
    }

    void write(long offset, byte[] src, int srcOff, int len) {
        int end = (int) (offset + len);
        ensureCapacity(end);
        int pos = (int) offset;
        int from = srcOff;
        int left = len;
        while (left > 0) {
            int inPage = pos & PAGE_MASK;
            int n = Math.min(left, PAGE_BYTES - inPage);
            System.arraycopy(src, from, writable(pos >>> PAGE_SHIFT), inPage, n);
            pos += n;
            from += n;
            left -= n;
        }
        size = Math.max(size, end);
    }

    void truncate(long newSize) {
        int n = (int) newSize;
        if (n < size) {
            zero(n, size);
        } else {
            ensureCapacity(n);
        }
        size = n;
    }

    /** Zeroes [from, to), both within the allocated pages. */
    private void zero(int from, int to) {
        int pos = from;
        while (pos < to) {
            int inPage = pos & PAGE_MASK;
            int n = Math.min(to - pos, PAGE_BYTES - inPage);
            Arrays.fill(writable(pos >>> PAGE_SHIFT), inPage, inPage + n, (byte) 0);
            pos += n;
        }
    }

    int read(long offset, byte[] dst, int dstOff, int len) {
        if (offset >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - offset);
        int pos = (int) offset;
        int to = dstOff;
        int left = n;
        while (left > 0) {
            int inPage = pos & PAGE_MASK;
            int k = Math.min(left, PAGE_BYTES - inPage);
            System.arraycopy(pages[pos >>> PAGE_SHIFT], inPage, dst, to, k);
            pos += k;
            to += k;
            left -= k;
        }
        return n;
    }

    byte get(int i) {
        return pages[i >>> PAGE_SHIFT][i & PAGE_MASK];
    }

    void flipBit(int offset, int bit) {
        writable(offset >>> PAGE_SHIFT)[offset & PAGE_MASK] ^= (byte) (1 << bit);
    }
}
