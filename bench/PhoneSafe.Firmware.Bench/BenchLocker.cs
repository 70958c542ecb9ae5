using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Bench;

/// <summary>A 16-compartment virtual locker with a school-sized allow-list.</summary>
internal static class BenchLocker
{
    public const string Device = "lk-bench";

    public static readonly byte[] StaffCard = [0x04, 0xA1, 0xB2, 0xC3];
    public static readonly byte[] UnknownCard = [0x09, 0x09, 0x09, 0x09];

    public static byte[] Key(int seed) => Enumerable.Range(0, 32).Select(i => (byte)((seed * 31) + i)).ToArray();

    public static VirtualLocker Create(int allowListSize, MemoryLink link)
    {
        var settings = new LockerSettings { School = "bench-school", Device = Device, DeviceKey = Key(1), CredentialKey = Key(2) };
        var config = new LockerConfig { Version = 1, UnlockSeconds = 10, LeftOpenSeconds = 120 };
        config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(Key(2), StaffCard), Role = Roles.Staff, Compartment = 0 });
        for (int i = 1; i < allowListSize; i++)
        {
            byte[] uid = [0x04, (byte)(i >> 8), (byte)i, 0x77];
            config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(Key(2), uid), Role = i % 10 == 0 ? Roles.Pupil : Roles.Staff, Compartment = 0 });
        }

        var locker = new VirtualLocker(settings, 16, link, VirtualLocker.DefaultJournalBytes);
        locker.Store.Write(LockerController.ConfigSetting, ConfigCodec.Encode(Device, config, Key(1)));
        locker.Boot();
        locker.Run(VirtualLocker.TickMilliseconds);
        return locker;
    }
}
