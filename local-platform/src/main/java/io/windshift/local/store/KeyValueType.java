package io.windshift.local.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index: ordered by the BSON values themselves. H2's default for an unknown class
 * ({@code KeyValue} is not {@code Comparable}) Java-serialises both keys on every comparison, so each
 * {@code _id} lookup serialised ~2·log2(n) objects; that was the hottest code of a reorg on the local store.
 * Written as BSON behind a marker byte (Java serialisation of each key was a fifth of the store's CPU while a reorg
 * was saved); keys written before, in H2's object encoding, are still read. Only the order differs from the stock
 * index, hence a map of its own.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
    private final ObjectDataType encoding = new ObjectDataType();

    private KeyValueType() {
    }

    /**
     * By value, as MongoDB orders them; values that order as equal but are not equal (1 and 1.0, null and
     * missing) are told apart by class and then by their encoding, so the order agrees with {@code equals}:
     * a lookup finds exactly the key that was stored, as with H2's default.
     */
    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int shared = Math.min(a.size(), b.size());
        for (int i = 0; i < shared; i++) {
            int byValue = compareValues(a.get(i), b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int compareValues(Object x, Object y) {
        if (Objects.equals(x, y)) {
            return 0;
        }
        int byValue = VALUES.compare(x, y);
        if (byValue != 0) {
            return byValue;
        }
        int byClass = className(x).compareTo(className(y));
        return byClass != 0 ? byClass : encoding.compare(x, y);
    }

    private static String className(Object value) {
        return value == null ? "" : value.getClass().getName();
    }

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 24 * key.size();
    }

    /** Above every tag of H2's object encoding, which the keys written earlier start with. */
    private static final byte BSON = (byte) 0xFF;

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        Document values = new Document("k", key.stream().toList());
        ByteBuf bson = Unpooled.buffer(64);
        try {
            BsonEncoder.encodeDocument(values, bson);
            int size = bson.readableBytes();
            buffer.put(BSON).putVarInt(size).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        } finally {
            bson.release();
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (KeyValue) encoding.read(buffer);
        }
        buffer.get();
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return new KeyValue((java.util.List<?>) BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)).get("k"));
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
