using System;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    /// <summary>
    /// Builds virtual lockers for the shared (device and host) tests.
    /// </summary>
    public static class Fixtures
    {
        /// <summary>School of the test locker.</summary>
        public const string School = "test-school";

        /// <summary>Identifier of the test locker.</summary>
        public const string Device = "lk-test";

        /// <summary>A staff card allowed to use any free compartment.</summary>
        public static readonly byte[] StaffCard = new byte[] { 0x04, 0xA1, 0xB2, 0xC3 };

        /// <summary>A staff card assigned to compartment 2.</summary>
        public static readonly byte[] AssignedCard = new byte[] { 0x04, 0x11, 0x22, 0x33 };

        /// <summary>A card nobody enrolled.</summary>
        public static readonly byte[] UnknownCard = new byte[] { 0x09, 0x09, 0x09, 0x09 };

        /// <summary>An office staff badge (arms the pupil flow).</summary>
        public static readonly byte[] OfficeCard = new byte[] { 0x04, 0x0F, 0xF1, 0xCE };

        /// <summary>A pupil card, valid only after an office badge.</summary>
        public static readonly byte[] PupilCard = new byte[] { 0x04, 0x50, 0x50, 0x11 };

        /// <summary>Another pupil card.</summary>
        public static readonly byte[] OtherPupilCard = new byte[] { 0x04, 0x50, 0x50, 0x22 };

        /// <summary>A wall-clock time the tests synchronise to.</summary>
        public static readonly DateTime SyncedUtc = IsoTime.Utc(2026, 11, 25, 8, 0, 0);

        /// <summary>
        /// Gets the identity and keys of the test locker.
        /// </summary>
        /// <returns>New settings.</returns>
        public static LockerSettings Settings()
        {
            return new LockerSettings
            {
                School = School,
                Device = Device,
                DeviceKey = Key(1),
                CredentialKey = Key(2),
            };
        }

        /// <summary>
        /// Makes a 32-byte key whose bytes all derive from a seed.
        /// </summary>
        /// <param name="seed">Any number.</param>
        /// <returns>The key.</returns>
        public static byte[] Key(int seed)
        {
            byte[] key = new byte[32];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)((seed * 31) + i);
            }

            return key;
        }

        /// <summary>
        /// Gets the credential hash of a card as the test locker computes it.
        /// </summary>
        /// <param name="card">The card UID.</param>
        /// <returns>The hash.</returns>
        public static string Credential(byte[] card)
        {
            return CredentialHash.Compute(Key(2), card);
        }

        /// <summary>
        /// Builds the test configuration: StaffCard anywhere, AssignedCard in compartment 2, OfficeCard, PupilCard and OtherPupilCard.
        /// </summary>
        /// <param name="version">Configuration version.</param>
        /// <returns>The signed message.</returns>
        public static byte[] SignedConfig(long version)
        {
            LockerConfig config = new LockerConfig { Version = version, UnlockSeconds = 10, LeftOpenSeconds = 60 };
            config.Allow.Add(new AllowEntry { Credential = Credential(StaffCard), Role = Roles.Staff, Compartment = 0 });
            config.Allow.Add(new AllowEntry { Credential = Credential(AssignedCard), Role = Roles.Staff, Compartment = 2 });
            config.Allow.Add(new AllowEntry { Credential = Credential(OfficeCard), Role = Roles.Office, Compartment = 0 });
            config.Allow.Add(new AllowEntry { Credential = Credential(PupilCard), Role = Roles.Pupil, Compartment = 0 });
            config.Allow.Add(new AllowEntry { Credential = Credential(OtherPupilCard), Role = Roles.Pupil, Compartment = 0 });
            return ConfigCodec.Encode(Device, config, Key(1));
        }

        /// <summary>
        /// Builds a booted 4-compartment locker on an in-memory link, with the test configuration applied.
        /// </summary>
        /// <param name="link">The link it uses.</param>
        /// <returns>The locker.</returns>
        public static VirtualLocker CreateLocker(MemoryLink link)
        {
            return CreateLocker(link, 64);
        }

        /// <summary>
        /// Creates a booted, configured test locker with a journal of a given size.
        /// </summary>
        /// <param name="link">The link it uses.</param>
        /// <param name="journalRecords">Events the journal ring holds.</param>
        /// <returns>The locker.</returns>
        public static VirtualLocker CreateLocker(MemoryLink link, int journalRecords)
        {
            VirtualLocker locker = new VirtualLocker(Settings(), 4, link, journalRecords * 64);
            locker.Store.Write(LockerController.ConfigSetting, SignedConfig(1));
            locker.Boot();
            locker.Run(VirtualLocker.TickMilliseconds);
            return locker;
        }

        /// <summary>
        /// Builds a signed command for the test locker.
        /// </summary>
        /// <param name="id">Command identifier.</param>
        /// <param name="name">A <see cref="CommandName"/> value.</param>
        /// <param name="compartment">Compartment, or 0.</param>
        /// <param name="credential">Issuer credential hash, or empty.</param>
        /// <param name="subject">Pupil credential hash, or empty.</param>
        /// <param name="expiresUtc">Expiry.</param>
        /// <returns>The signed message.</returns>
        public static byte[] SignedCommand(string id, string name, int compartment, string credential, string subject, DateTime expiresUtc)
        {
            LockerCommand command = new LockerCommand
            {
                Id = id,
                Name = name,
                Compartment = compartment,
                Credential = credential,
                Subject = subject,
                ExpiresUtc = expiresUtc,
            };
            return CommandCodec.Encode(Device, command, Key(1));
        }

        /// <summary>
        /// Delivers a signed command to the locker and runs one main-loop pass.
        /// </summary>
        /// <param name="locker">The locker.</param>
        /// <param name="link">Its link.</param>
        /// <param name="payload">The signed command.</param>
        public static void Deliver(VirtualLocker locker, MemoryLink link, byte[] payload)
        {
            link.Deliver(Topics.For(School, Device, TopicKind.Command), payload);
            locker.Run(VirtualLocker.TickMilliseconds);
        }

        /// <summary>
        /// Plays the gateway: runs the locker and acknowledges the newest event it has published, again and again,
        /// until every event in its journal is acknowledged (or the passes run out).
        /// </summary>
        /// <param name="locker">The locker.</param>
        /// <param name="link">Its link.</param>
        /// <param name="passes">Most acknowledgements to send.</param>
        public static void AcknowledgeAsPublished(VirtualLocker locker, MemoryLink link, int passes)
        {
            for (int i = 0; i < passes && locker.Controller.Journal.AckedThrough < locker.Controller.Journal.NewestSequence; i++)
            {
                locker.Run(1000);
                LockerEvent newest = LastEvent(link);
                if (newest != null)
                {
                    link.Deliver(Topics.For(School, Device, TopicKind.Ack), AckCodec.Encode(Device, newest.Sequence, Key(1)));
                }
            }

            locker.Run(VirtualLocker.TickMilliseconds);
        }

        /// <summary>
        /// Finds the published event with a sequence number.
        /// </summary>
        /// <param name="link">The link.</param>
        /// <param name="sequence">The sequence number.</param>
        /// <returns>The event, or null.</returns>
        public static LockerEvent PublishedEvent(MemoryLink link, long sequence)
        {
            for (int i = 0; i < link.Published.Count; i++)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (EventCodec.TryDecode(message.Payload, Device, Key(1), out LockerEvent lockerEvent, out _) && lockerEvent.Sequence == sequence)
                {
                    return lockerEvent;
                }
            }

            return null;
        }

        /// <summary>
        /// Finds the last published event of a type.
        /// </summary>
        /// <param name="link">The link.</param>
        /// <param name="type">An <see cref="EventType"/> value.</param>
        /// <returns>The event, or null.</returns>
        public static LockerEvent LastPublished(MemoryLink link, string type)
        {
            for (int i = link.Published.Count - 1; i >= 0; i--)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (EventCodec.TryDecode(message.Payload, Device, Key(1), out LockerEvent lockerEvent, out _) && lockerEvent.Type == type)
                {
                    return lockerEvent;
                }
            }

            return null;
        }

        /// <summary>
        /// Finds the published events of a given type.
        /// </summary>
        /// <param name="link">The link.</param>
        /// <param name="type">An <see cref="EventType"/> value.</param>
        /// <returns>How many distinct events (by sequence number) were published; resends count once.</returns>
        public static int CountPublished(MemoryLink link, string type)
        {
            System.Collections.Hashtable seen = new System.Collections.Hashtable();
            for (int i = 0; i < link.Published.Count; i++)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (message.Topic == Topics.For(School, Device, TopicKind.Events)
                    && EventCodec.TryDecode(message.Payload, Device, Key(1), out LockerEvent lockerEvent, out _)
                    && lockerEvent.Type == type)
                {
                    seen[lockerEvent.Sequence] = lockerEvent;
                }
            }

            return seen.Count;
        }

        /// <summary>
        /// Finds the last command result the locker published.
        /// </summary>
        /// <param name="link">The link.</param>
        /// <returns>The result, or null.</returns>
        public static CommandResult LastResult(MemoryLink link)
        {
            for (int i = link.Published.Count - 1; i >= 0; i--)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (message.Topic == Topics.For(School, Device, TopicKind.Result)
                    && ResultCodec.TryDecode(message.Payload, Device, Key(1), out CommandResult result, out _))
                {
                    return result;
                }
            }

            return null;
        }

        /// <summary>
        /// Gets the last published event.
        /// </summary>
        /// <param name="link">The link.</param>
        /// <returns>The event, or null.</returns>
        public static LockerEvent LastEvent(MemoryLink link)
        {
            for (int i = link.Published.Count - 1; i >= 0; i--)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (EventCodec.TryDecode(message.Payload, Device, Key(1), out LockerEvent lockerEvent, out _))
                {
                    return lockerEvent;
                }
            }

            return null;
        }
    }
}
