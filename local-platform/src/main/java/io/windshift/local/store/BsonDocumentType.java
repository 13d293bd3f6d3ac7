package io.windshift.local.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The value type of a collection's documents in the H2 file: BSON, as on the wire. H2's default for an unknown class
 * is Java serialisation, which was a third of the store's CPU while people were loaded and a reorg was assessed
 * (reading pages back and writing changed ones, compaction included; docs/benchmarks.md). BSON round-trips exactly
 * the values the wire decoder produces, which are the only values a stored document can hold.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** What H2 budgets for an entry (page splits, cache): a running average of this map's encoded sizes. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(averageSize);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int size = bson.readableBytes();
            buffer.putVarInt(size);
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
            averageSize = (averageSize * 15 + size * 2) / 16;
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** Values are never ordered; only {@code equals} matters (H2 compares values only for conditional replaces). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : Integer.compare(System.identityHashCode(a), System.identityHashCode(b)) | 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
