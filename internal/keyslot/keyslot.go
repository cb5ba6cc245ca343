// Package keyslot computes the Redis Cluster hash slot of a key, as the server's CLUSTER KEYSLOT
// does. Tests use it to catch one atomic unit that would span slots (which Cluster refuses with
// CROSSSLOT), and serve to place keys that must land on every primary.
package keyslot

// Slots is the number of hash slots of a Redis Cluster.
const Slots = 16384

// Of is the slot of key: CRC16 (XMODEM) of the key modulo 16384, where only the hash tag is
// hashed when the key has one. The hash tag is what lies between the first '{' and the first '}'
// after it, provided that is not empty; "{}" and an unclosed '{' hash the whole key.
func Of(key string) int {
	for i := 0; i < len(key); i++ {
		if key[i] != '{' {
			continue
		}
		for j := i + 1; j < len(key); j++ {
			if key[j] == '}' {
				if j > i+1 {
					key = key[i+1 : j]
				}
				return int(crc16(key) % Slots)
			}
		}
		break
	}
	return int(crc16(key) % Slots)
}

// crc16 is CRC-16/XMODEM (polynomial 0x1021, initial value 0, no reflection), the checksum
// Redis Cluster hashes keys with.
func crc16(s string) uint16 {
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc = crc<<8 ^ table[byte(crc>>8)^s[i]]
	}
	return crc
}

var table = func() (t [256]uint16) {
	for i := range t {
		c := uint16(i) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ 0x1021
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()
