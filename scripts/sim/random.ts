/** Seeded randomness and realistic Vietnamese citizens for the simulated day. Same seed → same day. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for a simulation. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Lâm', 'Châu', 'Thái'];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Minh', 'Quốc', 'Thanh', 'Công', 'Đức', 'Hoàng', 'Tấn', 'Chí'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Mỹ', 'Bích', 'Diễm', 'Hồng', 'Phương'];
const GIVEN_MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Tuấn', 'Thắng', 'Toàn', 'Vinh', 'Lộc', 'Nghĩa', 'Trí'];
const GIVEN_FEMALE = ['Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Vy', 'Yến', 'Loan', 'Tuyết', 'Diệu', 'Xuân', 'Ánh', 'Như', 'Quyên'];
/** Mobile prefixes of Viettel, Vinaphone, MobiFone and Vietnamobile. */
const MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085', '086', '088', '089', '090', '091', '093', '094', '096', '097', '098'];

export function vietnameseName(random: Random): string {
  const female = random.chance(0.5);
  const middle = random.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${random.pick(FAMILY)} ${middle} ${given}`.normalize('NFC');
}

/** A distinct mobile number per call (the sequence number keeps them unique for one seed). */
export function mobileNumber(random: Random, sequence: number): string {
  const tail = String((random.int(0, 9_999) * 1_000 + (sequence % 1_000)) % 10_000_000).padStart(7, '0');
  return `${random.pick(MOBILE_PREFIXES)}${tail}`;
}

/** 12-digit CCCD: province code 093 is Hậu Giang. */
export function idNumber(random: Random): string {
  return `093${random.int(0, 3)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}
