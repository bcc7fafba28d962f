import { type DeviceOptions, DevicePipeline } from '../device/device-pipeline.js';

/**
 * The devices an agent tracks, bounded by `maxDevices`, and the zone each device last announced
 * (kept apart from the devices: the retained zone arrives before the first frame).
 */
export class DeviceRegistry {
  readonly devices = new Map<string, DevicePipeline>();
  private readonly zones = new Map<string, string>();

  constructor(
    private readonly options: DeviceOptions,
    private readonly maxDevices: number,
    private readonly defaultZone: string,
  ) {}

  /** The device's pipeline, created on first sight; null when the agent is full. */
  getOrCreate(deviceId: string): DevicePipeline | null {
    let device = this.devices.get(deviceId);
    if (device) return device;
    if (this.devices.size >= this.maxDevices) return null;
    device = new DevicePipeline(this.options, this.zoneOf(deviceId));
    this.devices.set(deviceId, device);
    return device;
  }

  /** Sets (or with null, clears) the zone a device is in. */
  setZone(deviceId: string, zoneId: string | null): void {
    if (zoneId === null) this.zones.delete(deviceId);
    else {
      this.zones.delete(deviceId);
      this.zones.set(deviceId, zoneId);
      // Bounded: forget the zones announced longest ago by devices that are not connected.
      if (this.zones.size > this.maxDevices * 2) {
        for (const id of this.zones.keys()) {
          if (this.zones.size <= this.maxDevices * 2) break;
          if (!this.devices.has(id)) this.zones.delete(id);
        }
      }
    }
    const device = this.devices.get(deviceId);
    if (device) device.zoneId = this.zoneOf(deviceId);
  }

  zoneOf(deviceId: string): string {
    return this.zones.get(deviceId) ?? this.defaultZone;
  }

  remove(deviceId: string): void {
    this.devices.delete(deviceId);
  }

  get size(): number {
    return this.devices.size;
  }
}
