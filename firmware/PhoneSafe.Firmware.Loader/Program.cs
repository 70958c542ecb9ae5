using System;
using System.Diagnostics;
using System.Reflection;
using nanoFramework.Runtime.Native;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Update;
using PhoneSafe.Firmware.Device;

namespace PhoneSafe.Firmware.Loader
{
    /// <summary>
    /// The resident loader, the one application deployed over USB. At power-on it reads the boot record and starts the
    /// locker application: the firmware installed over the air in slot "a" or "b" (its assemblies loaded from the
    /// internal drive with <see cref="Assembly.Load(byte[])"/>, then Program.Main invoked), or the version deployed with
    /// it. A trial slot is started at most <see cref="BootRecord.MaxTrialBoots"/> times before it is rolled back; a slot
    /// that does not load is given up at once. The application itself receives updates and confirms or rolls back a
    /// trial (<see cref="FirmwareUpdater"/>).
    /// </summary>
    public class Program
    {
        private const string FirmwareDirectory = "I:\\fw\\";

        /// <summary>
        /// Chooses the firmware, starts it, and restarts the unit when it returns.
        /// </summary>
        public static void Main()
        {
            FileFirmwareStorage storage = new FileFirmwareStorage(FirmwareDirectory);
            BootRecord record = BootRecord.Decode(storage.ReadBootRecord());
            string slot = record.BeginBoot();
            storage.WriteBootRecord(record.Encode());
            if (slot.Length == 0)
            {
                Debug.WriteLine("Starting the locker application deployed with the loader");
                PhoneSafe.Firmware.Esp32.Program.Main();
            }
            else
            {
                MethodInfo main = LoadSlot(storage, slot);
                if (main == null)
                {
                    GiveUp(storage, record, slot);
                }
                else
                {
                    Debug.WriteLine("Starting the locker application from slot " + slot);
                    main.Invoke(null, null);
                }
            }

            Power.RebootDevice();
        }

        // Loads the slot's assemblies in order and finds the entry point in the last one; null when anything is missing.
        private static MethodInfo LoadSlot(FileFirmwareStorage storage, string slot)
        {
            try
            {
                byte[] head = new byte[FirmwareImage.MaxHeaderBytes];
                int headLength = storage.Read(slot, 0, head, head.Length);
                if (!FirmwareImage.TryReadHeader(head, headLength, storage.Length(slot), out string[] names, out int[] offsets, out int[] sizes))
                {
                    return null;
                }

                Assembly last = null;
                for (int i = 0; i < names.Length; i++)
                {
                    byte[] assembly = new byte[sizes[i]];
                    if (storage.Read(slot, offsets[i], assembly, sizes[i]) != sizes[i])
                    {
                        return null;
                    }

                    last = Assembly.Load(assembly);
                    Debug.WriteLine("Loaded " + names[i]);
                }

                Type entry = last.GetType(FirmwareImage.EntryType);
                return entry == null ? null : entry.GetMethod("Main");
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Slot " + slot + " does not load: " + ex.Message);
                return null;
            }
        }

        // A trial that does not load is rolled back; a confirmed slot that no longer loads gives way to the deployed version.
        private static void GiveUp(FileFirmwareStorage storage, BootRecord record, string slot)
        {
            if (record.Trial == slot)
            {
                record.RollBack();
            }
            else
            {
                record.Active = string.Empty;
                record.ActiveVersion = string.Empty;
            }

            storage.WriteBootRecord(record.Encode());
        }
    }
}
