package io.salestargets.progress.streams;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.jboss.logging.Logger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of all RocksDB stores of the instance together, as Kafka Streams' memory-management
 * guide does: one block cache and one write-buffer manager shared by every store of every task, active or
 * standby. Without it each store has a 50 MiB block cache and up to three 16 MiB memtables of its own,
 * and the index and filter blocks outside any cache: the memory grows with the number of stores and
 * partitions, not with the configuration.
 *
 * <ul>
 *   <li>{@value #MEMORY_BYTES}: the block cache, which holds the data blocks, the index and filter blocks
 *       (so that they count, and the larger the store the more of them), and the memtables, which the
 *       write-buffer manager charges to it. This is all of RocksDB's memory of the instance, give or take the
 *       blocks that open iterators pin.</li>
 *   <li>{@value #WRITE_BUFFER_BYTES}: the memtables' share of it; past it, the largest memtable is flushed.</li>
 * </ul>
 *
 * Both come from the streams configuration ({@code kafka-streams.rocksdb.memory.*} in
 * {@code application.properties}). The cache and the manager are made once per JVM, with the sizes of the
 * first store opened, and never closed: stores open and close as tasks move, and closing a shared object
 * with one of them would break the others. The stores are LZ4-compressed (Kafka Streams' default is none):
 * fewer bytes written, flushed, compacted and held in the page cache, for little CPU.
 */
public class BoundedRocksDBMemory implements RocksDBConfigSetter {

    /** The streams property: all RocksDB memory of the instance, in bytes. */
    public static final String MEMORY_BYTES = "rocksdb.memory.bytes";
    /** The streams property: the memtables' share of {@value #MEMORY_BYTES}, in bytes. */
    public static final String WRITE_BUFFER_BYTES = "rocksdb.memory.write.buffer.bytes";

    /** Share of the cache reserved for index and filter blocks (high priority), so that a scan of data blocks does not evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    /** Memtables per store; the write-buffer manager flushes earlier when the instance's share is used. */
    private static final int MEMTABLES_PER_STORE = 2;

    private static final Logger LOG = Logger.getLogger(BoundedRocksDBMemory.class);
    private static Shared shared;
    private static boolean warned;

    /** What every store of the JVM shares. */
    record Shared(long memoryBytes, long writeBufferBytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(bytes(configs, MEMORY_BYTES), bytes(configs, WRITE_BUFFER_BYTES));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        // a memtable of a quarter of the share: a few busy stores fill it, and many idle ones each hold a small arena
        options.setWriteBufferSize(memory.writeBufferBytes() / 4);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing: the cache and the write-buffer manager belong to every store of the JVM, not to this one
    }

    private static synchronized Shared shared(long memoryBytes, long writeBufferBytes) {
        if (shared == null) {
            if (writeBufferBytes >= memoryBytes) {
                throw new ConfigException(WRITE_BUFFER_BYTES, writeBufferBytes, "is part of " + MEMORY_BYTES + " (" + memoryBytes
                        + "), so smaller than it");
            }
            Cache cache = new LRUCache(memoryBytes, -1, false, INDEX_AND_FILTER_SHARE);
            shared = new Shared(memoryBytes, writeBufferBytes, cache, new WriteBufferManager(writeBufferBytes, cache));
            LOG.infof("RocksDB bounded: %d MiB for all stores, of which %d MiB memtables", memoryBytes >> 20, writeBufferBytes >> 20);
        } else if ((shared.memoryBytes() != memoryBytes || shared.writeBufferBytes() != writeBufferBytes) && !warned) {
            warned = true;
            LOG.warnf("RocksDB memory already bounded to %d bytes (%d of memtables) in this JVM: %s=%d and %s=%d are ignored",
                    shared.memoryBytes(), shared.writeBufferBytes(), MEMORY_BYTES, memoryBytes, WRITE_BUFFER_BYTES, writeBufferBytes);
        }
        return shared;
    }

    private static long bytes(Map<String, Object> configs, String name) {
        Object value = configs.get(name);
        if (value == null) {
            throw new ConfigException(name + " is required with rocksdb.config.setter=" + BoundedRocksDBMemory.class.getName());
        }
        try {
            long bytes = Long.parseLong(value.toString().trim());
            if (bytes <= 0) {
                throw new ConfigException(name, value, "is a number of bytes, more than 0");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "is a number of bytes");
        }
    }
}
