using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Tests.Shared;
using PhoneSafe.Firmware.Virtual;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Properties;

/// <summary>
/// 1,000 seeded random sequences of taps, door movements, forced doors, time, reader lock-ups, broker outages,
/// acknowledgements, commands and reboots. After every step the controller must be in a valid state that matches
/// the (virtual) hardware, and at the end the gateway must be able to account for every sequence number.
/// Host-only: it uses System.Random and generics, so it lives outside Shared/.
/// </summary>
public sealed class RandomSequenceTests
{
    private const int Sequences = 1000;
    private const int StepsPerSequence = 40;

    private static readonly byte[][] s_cards =
    [
        Fixtures.StaffCard, Fixtures.AssignedCard, Fixtures.OfficeCard, Fixtures.PupilCard, Fixtures.OtherPupilCard, Fixtures.UnknownCard,
    ];

    private static readonly long[] s_waits = [50, 200, 1000, 2500, 11000, 61000];

    [Fact]
    public void RandomTapAndDoorSequences_NeverReachAnInvalidState()
    {
        for (int seed = 1; seed <= Sequences; seed++)
        {
            RunSequence(seed);
        }
    }

    private static void RunSequence(int seed)
    {
        var random = new Random(seed);
        var link = new MemoryLink();
        VirtualLocker sut = Fixtures.CreateLocker(link);
        var gateway = new SimulatedGateway(link);
        var trace = new List<string>();
        int commandId = 0;
        for (int step = 0; step < StepsPerSequence; step++)
        {
            int action = random.Next(100);
            int compartment = random.Next(1, sut.Compartments.CompartmentCount + 1);
            string note;
            if (action < 30)
            {
                byte[] card = s_cards[random.Next(s_cards.Length)];
                sut.Tap(card);
                note = "tap " + Convert.ToHexString(card);
            }
            else if (action < 45)
            {
                sut.Compartments.TryOpen(compartment);
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "pull " + compartment;
            }
            else if (action < 60)
            {
                sut.Compartments.Close(compartment);
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "close " + compartment;
            }
            else if (action < 63)
            {
                sut.Compartments.Force(compartment);
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "force " + compartment;
            }
            else if (action < 78)
            {
                long wait = s_waits[random.Next(s_waits.Length)];
                sut.Run(wait);
                note = "wait " + wait;
            }
            else if (action < 81)
            {
                sut.Reader.LockedUp = random.Next(2) == 0;
                sut.Reader.Throws = random.Next(4) == 0;
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "reader " + sut.Reader.LockedUp + "/" + sut.Reader.Throws;
            }
            else if (action < 86)
            {
                link.BrokerAvailable = !link.BrokerAvailable;
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "broker " + link.BrokerAvailable;
            }
            else if (action < 91)
            {
                gateway.Poll(sendAck: true);
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "ack";
            }
            else if (action < 98)
            {
                if (!sut.Clock.IsSynchronized && random.Next(2) == 0)
                {
                    sut.Clock.Synchronize(Fixtures.SyncedUtc);
                }

                string[] names = [CommandName.Unlock, CommandName.Identify, CommandName.Enrol, CommandName.Intake, CommandName.Release];
                string name = names[random.Next(names.Length)];
                string pupil = Fixtures.Credential(random.Next(2) == 0 ? Fixtures.PupilCard : Fixtures.OtherPupilCard);
                commandId = random.Next(4) == 0 && commandId > 0 ? commandId : commandId + 1;
                Fixtures.Deliver(sut, link, Fixtures.SignedCommand("r-" + commandId, name, random.Next(0, 6), Fixtures.Credential(Fixtures.OfficeCard), pupil, Fixtures.SyncedUtc.AddMinutes(random.Next(-2, 30))));
                note = "command " + name + " r-" + commandId;
            }
            else
            {
                sut.Boot();
                sut.Run(VirtualLocker.TickMilliseconds);
                note = "reboot";
            }

            trace.Add(note);
            string problem = FindProblem(sut);
            Assert.True(problem is null, $"seed {seed}, step {step}: {problem}\n" + string.Join("\n", trace));
        }

        // Heal everything and let the uplink drain: the gateway must account for every sequence number.
        sut.Reader.LockedUp = false;
        sut.Reader.Throws = false;
        link.BrokerAvailable = true;
        for (int i = 0; i < 40; i++)
        {
            sut.Run(5000);
            gateway.Poll(sendAck: true);
        }

        Assert.True(
            gateway.ResolvedThrough == sut.Controller.Journal.NewestSequence,
            $"seed {seed}: gateway resolved through {gateway.ResolvedThrough}, newest {sut.Controller.Journal.NewestSequence}\n" + string.Join("\n", trace));
    }

    private static string FindProblem(VirtualLocker sut)
    {
        var occupants = new HashSet<string>();
        for (int number = 1; number <= sut.Compartments.CompartmentCount; number++)
        {
            Compartment c = sut.Controller.GetCompartment(number);
            bool energised = sut.Compartments.IsUnlocked(number);
            bool open = sut.Compartments.IsOpen(number);
            string where = $"compartment {number} in {c.State}: ";
            if (!Enum.IsDefined(c.State))
            {
                return where + "undefined state";
            }

            if (energised != (c.State == CompartmentState.UnlockedAwaitingOpen))
            {
                return where + "solenoid energised = " + energised;
            }

            if (open != (c.State is CompartmentState.Open or CompartmentState.ForcedOpen))
            {
                return where + "door open = " + open;
            }

            if (c.IsAtRest && c.State != c.RestState)
            {
                return where + "rest state should be " + c.RestState;
            }

            if (c.State == CompartmentState.Occupied != (c.IsOccupied && !c.IsFaulted) && c.IsAtRest)
            {
                return where + "occupant '" + c.Occupant + "'";
            }

            if (c.State == CompartmentState.Assigned && c.AssignedTo.Length == 0)
            {
                return where + "assigned to nobody";
            }

            if (c.IsOccupied && !occupants.Add(c.Occupant))
            {
                return where + "a second compartment holds the same person's phone";
            }

            if (c.State == CompartmentState.UnlockedAwaitingOpen && c.ActingCredential.Length == 0 && !c.IsServiceUnlock)
            {
                return where + "unlocked for nobody";
            }
        }

        var journal = sut.Controller.Journal;
        if (journal.PendingCount < 0 || journal.PendingCount > journal.Capacity)
        {
            return "journal pending count " + journal.PendingCount;
        }

        for (long s = journal.OldestPendingSequence; s <= journal.NewestSequence; s++)
        {
            if (journal.Read(s) is null)
            {
                return "pending event " + s + " unreadable";
            }
        }

        return null;
    }
}
