package kz.digitaltenge.ledger.notary;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * The value the spent-set keeps per output id: which transaction holds it, whether that hold is a
 * reservation (transaction in flight) or final (durably committed), who reserved it and when.
 */
public final class SpentMark implements DataSerializable {
    public static final byte RESERVED = 1;
    public static final byte SPENT = 2;

    private String txId;
    private byte state;
    private String owner;
    private boolean ownerIsMember;
    private long at;

    public SpentMark() {
    }

    public SpentMark(String txId, byte state, String owner, boolean ownerIsMember, long at) {
        this.txId = txId;
        this.state = state;
        this.owner = owner;
        this.ownerIsMember = ownerIsMember;
        this.at = at;
    }

    public String getTxId() {
        return txId;
    }

    public byte getState() {
        return state;
    }

    public boolean isReserved() {
        return state == RESERVED;
    }

    public String getOwner() {
        return owner;
    }

    public boolean isOwnerIsMember() {
        return ownerIsMember;
    }

    public long getAt() {
        return at;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(txId);
        out.writeByte(state);
        out.writeString(owner);
        out.writeBoolean(ownerIsMember);
        out.writeLong(at);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        txId = in.readString();
        state = in.readByte();
        owner = in.readString();
        ownerIsMember = in.readBoolean();
        at = in.readLong();
    }

    @Override
    public String toString() {
        return (state == SPENT ? "SPENT" : "RESERVED") + "(" + txId + " by " + owner + " at " + at + ")";
    }
}
