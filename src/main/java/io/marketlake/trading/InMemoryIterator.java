package io.marketlake.trading;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;

/** Kernel takes closeable iterators; one over a list in memory has nothing to close. */
final class InMemoryIterator {

    private InMemoryIterator() {
    }

    static <T> CloseableIterator<T> of(List<T> list) {
        Iterator<T> it = list.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
