package org.forwardlearn.physical.hil;

/** The device could not be reached, or did not answer, within the configured number of attempts. */
public class DeviceUnavailableException extends DeviceException {
    public DeviceUnavailableException(String message, Throwable cause) { super(null, message, cause); }
}
