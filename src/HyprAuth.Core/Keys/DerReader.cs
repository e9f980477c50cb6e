using System;
using System.Globalization;
using System.Text;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Keys
{
    /// <summary>
    /// A strict ASN.1 DER reader over a buffer the caller owns and clears. Definite, minimal lengths only, each one checked
    /// against its enclosing element, so malformed input can only end in a MalformedKey refusal. Messages give offsets,
    /// never a byte read from the input: on a misparse that byte could be key material.
    /// </summary>
    internal sealed class DerReader
    {
        public const byte IntegerTag = 0x02;
        public const byte BitStringTag = 0x03;
        public const byte OctetStringTag = 0x04;
        public const byte OidTag = 0x06;
        public const byte SequenceTag = 0x30;

        private readonly byte[] buffer;
        private readonly int end;
        private readonly string subject;
        private int position;

        public DerReader(byte[] buffer, string subject)
            : this(buffer, 0, buffer.Length, subject)
        {
        }

        private DerReader(byte[] buffer, int start, int end, string subject)
        {
            this.buffer = buffer;
            position = start;
            this.end = end;
            this.subject = subject;
        }

        public bool HasData => position < this.end;

        /// <summary>Reads a value that must span exactly <paramref name="content"/> (an OCTET STRING that wraps DER).</summary>
        public DerReader Enclosed(ArraySegment<byte> content) =>
            new DerReader(this.buffer, content.Offset, content.Offset + content.Count, this.subject);

        public byte PeekTag()
        {
            if (!HasData)
            {
                throw Malformed($"a value is missing at offset {position}");
            }

            return this.buffer[position];
        }

        public bool NextIs(byte tag) => HasData && this.buffer[position] == tag;

        public bool NextIsExplicit(int number) => NextIs((byte)(0xA0 | number));

        public DerReader ReadSequence() => Enclosed(ReadElement(SequenceTag, "a SEQUENCE"));

        /// <summary>A constructed context-specific [n] element (EXPLICIT tagging), as the optional fields of ECPrivateKey.</summary>
        public DerReader ReadExplicit(int number) => Enclosed(ReadElement((byte)(0xA0 | number), $"a [{number}] element"));

        public ArraySegment<byte> ReadOctetString() => ReadElement(OctetStringTag, "an OCTET STRING");

        /// <summary>A BIT STRING of whole bytes (key encodings never have unused bits); returns its bytes after the unused-bits octet.</summary>
        public ArraySegment<byte> ReadBitString()
        {
            var offset = position;
            var content = ReadElement(BitStringTag, "a BIT STRING");
            if (content.Count == 0 || this.buffer[content.Offset] != 0)
            {
                throw Malformed($"the BIT STRING at offset {offset} does not hold whole bytes");
            }

            return new ArraySegment<byte>(this.buffer, content.Offset + 1, content.Count - 1);
        }

        /// <summary>A version number: a one-byte, non-negative INTEGER.</summary>
        public int ReadVersion()
        {
            var offset = position;
            var content = ReadElement(IntegerTag, "an INTEGER");
            if (content.Count != 1 || this.buffer[content.Offset] > 0x7F)
            {
                throw Malformed($"the version at offset {offset} is not a small number");
            }

            return this.buffer[content.Offset];
        }

        /// <summary>An OBJECT IDENTIFIER in dotted form.</summary>
        public string ReadOid()
        {
            var offset = position;
            var content = ReadElement(OidTag, "an OBJECT IDENTIFIER");
            var text = new StringBuilder();
            long arc = 0;
            var arcStart = true;
            for (var i = content.Offset; i < content.Offset + content.Count; i++)
            {
                var octet = this.buffer[i];
                if ((arcStart && octet == 0x80) || arc > (long.MaxValue >> 7))
                {
                    throw Malformed($"the OBJECT IDENTIFIER at offset {offset} is not minimally encoded");
                }

                arc = (arc << 7) | (long)(octet & 0x7F);
                arcStart = (octet & 0x80) == 0;
                if (!arcStart)
                {
                    continue;
                }

                if (text.Length == 0)
                {
                    var first = Math.Min(arc / 40, 2);
                    text.Append(first.ToString(CultureInfo.InvariantCulture))
                        .Append('.')
                        .Append((arc - (first * 40)).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append('.').Append(arc.ToString(CultureInfo.InvariantCulture));
                }

                arc = 0;
            }

            if (content.Count == 0 || !arcStart)
            {
                throw Malformed($"the OBJECT IDENTIFIER at offset {offset} is incomplete");
            }

            return text.ToString();
        }

        /// <summary>Skips one element of any type.</summary>
        public void Skip() => ReadElement(PeekTag(), "a value");

        public void ExpectEnd(string what)
        {
            if (HasData)
            {
                throw Malformed($"unexpected data at offset {position} after {what}");
            }
        }

        public HyprKeyException Malformed(string detail) =>
            new HyprKeyException(KeyErrorReason.MalformedKey, $"The {this.subject} is truncated or malformed DER: {detail}.");

        private ArraySegment<byte> ReadElement(byte tag, string expected)
        {
            var offset = position;
            if (PeekTag() != tag)
            {
                throw Malformed($"expected {expected} at offset {offset}");
            }

            position++;
            var length = ReadLength(offset);
            var content = new ArraySegment<byte>(this.buffer, position, length);
            position += length;
            return content;
        }

        private int ReadLength(int elementOffset)
        {
            if (!HasData)
            {
                throw Malformed($"the data ends inside the value at offset {elementOffset}");
            }

            int length = this.buffer[position++];
            if (length >= 0x80)
            {
                var count = length & 0x7F;

                // Indefinite lengths are BER, not DER; three length octets (16 MiB) are far beyond any key.
                if (count == 0 || count > 3)
                {
                    throw Malformed($"the value at offset {elementOffset} has an unsupported length form");
                }

                if (this.end - position < count)
                {
                    throw Malformed($"the data ends inside the value at offset {elementOffset}");
                }

                if (this.buffer[position] == 0)
                {
                    throw Malformed($"the length of the value at offset {elementOffset} is not minimally encoded");
                }

                length = 0;
                for (var i = 0; i < count; i++)
                {
                    length = (length << 8) | this.buffer[position++];
                }

                if (length < 0x80)
                {
                    throw Malformed($"the length of the value at offset {elementOffset} is not minimally encoded");
                }
            }

            if (length > this.end - position)
            {
                throw Malformed($"the value at offset {elementOffset} is longer than the data that remains");
            }

            return length;
        }
    }
}
