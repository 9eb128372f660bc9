package org.forwardlearn.physical.hil;

/**
 * After a reconnection the device declared a different identity (device id, dimensions, domain) or
 * its state counter went backwards: it restarted or was replaced, so measurements would no longer be
 * comparable. The client refuses to continue (PROTOCOL.md, "Reconnection and device identity").
 */
public class DeviceChangedException extends DeviceException {
    public DeviceChangedException(String message) { super(null, message); }
}
