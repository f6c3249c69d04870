/**
 * Every refusal the system can give, with the Vietnamese message staff and citizens read (English second).
 * One place for these texts: central, hub and pages all answer `{ error: <code>, message }` from here.
 * Templates use `{name}` placeholders filled by `reasonMessage`.
 */
export const REASONS = {
  // Generic
  // The detail comes from Vietnamese validation messages, so the English text names the problem without it.
  invalid_input: { vi: 'Dữ liệu không hợp lệ: {detail}', en: 'Invalid input: check the highlighted fields (details in the Vietnamese message).' },
  not_found: { vi: 'Không tìm thấy lịch hẹn. Vui lòng kiểm tra lại mã hoặc số điện thoại.', en: 'Booking not found. Check the code or phone number.' },
  unauthorized: { vi: 'Thiếu hoặc sai mã truy cập của thiết bị.', en: 'Missing or wrong access token.' },
  wrong_credentials: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  operator_required: { vi: 'Đặt lịch qua tổng đài cần đăng nhập tài khoản điện thoại viên.', en: 'Hotline bookings need a signed-in operator.' },
  forbidden: { vi: 'Thiết bị này không có quyền với dữ liệu của đơn vị khác.', en: "This device may not access another office's data." },
  rate_limited: { vi: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.', en: 'Too many requests. Please try again in a few minutes.' },
  payload_too_large: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'Request too large.' },
  internal_error: { vi: 'Hệ thống gặp sự cố. Vui lòng thử lại.', en: 'Something went wrong. Please try again.' },
  // Booking (central)
  slot_full: { vi: 'Khung giờ này đã đủ người. Vui lòng chọn khung giờ khác.', en: 'This slot is full. Please choose another slot.' },
  duplicate_booking: { vi: 'Số điện thoại này đã có lịch hẹn cho thủ tục này trong ngày (mã {code}).', en: 'This phone already has a booking for this procedure that day (code {code}).' },
  phone_limit: { vi: 'Số điện thoại này đã có {limit} lịch hẹn đang chờ. Vui lòng hủy bớt trước khi đặt thêm.', en: 'This phone already holds {limit} active bookings. Cancel one before booking another.' },
  past_slot: { vi: 'Không thể đặt lịch cho thời điểm đã qua.', en: 'Cannot book a time in the past.' },
  holiday: { vi: 'Ngày {date} là ngày nghỉ lễ, cơ quan không làm việc.', en: '{date} is a public holiday; the office is closed.' },
  closed_day: { vi: 'Cơ quan không làm việc vào ngày {date}.', en: 'The office does not work on {date}.' },
  outside_hours: { vi: 'Khung giờ {slot} nằm ngoài giờ làm việc.', en: 'Slot {slot} is outside working hours.' },
  beyond_horizon: { vi: 'Chỉ được đặt lịch trước tối đa {days} ngày.', en: 'Bookings open at most {days} days ahead.' },
  procedure_not_offered: { vi: 'Đơn vị này không tiếp nhận thủ tục đã chọn.', en: 'This office does not offer the chosen procedure.' },
  office_not_found: { vi: 'Không tìm thấy đơn vị.', en: 'Office not found.' },
  not_cancellable: { vi: 'Lịch hẹn đã {status}, không thể thay đổi.', en: 'This booking is no longer open (checked in, served, missed or cancelled) and cannot be changed.' },
  // Check-in (hub)
  invalid_format: { vi: 'Mã QR không phải mã đặt lịch MotCua. Hãy quét lại hoặc nhập mã đặt lịch 8 ký tự.', en: 'Not a MotCua booking QR. Scan again or type the 8-character booking code.' },
  invalid_signature: { vi: 'Mã QR không hợp lệ (chữ ký sai, có thể đã bị sửa). Vui lòng kiểm tra lịch hẹn bằng mã đặt lịch hoặc số điện thoại.', en: 'Invalid QR (bad signature, possibly altered). Look the booking up by code or phone.' },
  unknown_key: { vi: 'Chưa nhận diện được khóa ký của mã QR. Hãy tra cứu bằng mã đặt lịch hoặc số điện thoại; máy sẽ cập nhật khi có mạng.', en: 'Unknown signing key. Look up by code or phone; keys refresh when online.' },
  wrong_office: { vi: 'Lịch hẹn này thuộc đơn vị khác ({officeName}). Công dân vui lòng đến đúng nơi đã đặt.', en: 'This booking is for another office ({officeName}).' },
  wrong_date: { vi: 'Lịch hẹn này dành cho ngày {date}, không phải hôm nay. Vui lòng quay lại đúng ngày hoặc đặt lịch mới.', en: 'This booking is for {date}, not today.' },
  too_early: { vi: 'Chưa đến giờ tiếp nhận. Vui lòng quay lại lúc {opensAt}.', en: 'Too early. Please come back at {opensAt}.' },
  too_late: { vi: 'Đã quá giờ hẹn ({slot}). Vui lòng đặt lịch mới qua trang đặt lịch hoặc tổng đài {hotline}.', en: 'Too late for the {slot} slot. Please book again online or via hotline {hotline}.' },
  cancelled: { vi: 'Lịch hẹn này đã bị hủy. Vui lòng đặt lịch mới.', en: 'This booking was cancelled. Please book again.' },
  walk_in_not_allowed: { vi: 'Đang áp dụng cấp độ dịch {level}: không tiếp nhận công dân không có lịch hẹn. Vui lòng đặt lịch qua trang đặt lịch hoặc tổng đài {hotline}.', en: 'Epidemic level {level}: no walk-ins. Please book online or via hotline {hotline}.' },
  multiple_matches: { vi: 'Có nhiều lịch hẹn khớp. Vui lòng chọn một lịch hẹn.', en: 'Several bookings match. Choose one.' },
  keyboard_layout: { vi: 'Máy quét đang gõ sai do bộ gõ tiếng Việt (Unikey/Telex/VNI) hoặc bàn phím không phải US. Hãy tắt bộ gõ / chuyển bàn phím sang English (US) rồi quét lại.', en: 'Scanner input garbled by a Vietnamese input method or a non-US keyboard layout. Switch to English (US) and scan again.' },
  // Queue (hub)
  queue_empty: { vi: 'Không còn ai đang chờ ở quầy này.', en: 'Nobody is waiting at this counter.' },
  ticket_not_found: { vi: 'Không tìm thấy số thứ tự {number}.', en: 'Ticket {number} not found.' },
  no_current_ticket: { vi: 'Quầy chưa gọi số nào.', en: 'This counter has no called ticket.' },
  counter_not_found: { vi: 'Không tìm thấy quầy.', en: 'Counter not found.' },
  invalid_pairing_code: { vi: 'Mã ghép nối không đúng hoặc đã hết hạn.', en: 'Wrong or expired pairing code.' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ReasonCode = keyof typeof REASONS;

/** The JSON body of every refusal, on every API. */
export interface ErrorBody {
  error: ReasonCode;
  /** Vietnamese, NFC, ready to show. */
  message: string;
  messageEn: string;
  /** Field-level detail for invalid_input. */
  fields?: Record<string, string>;
  [extra: string]: unknown;
}

export function reasonMessage(code: ReasonCode, params: Record<string, string | number> = {}, lang: 'vi' | 'en' = 'vi'): string {
  const template: string = REASONS[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')).normalize('NFC');
}

export function errorBody(code: ReasonCode, params: Record<string, string | number> = {}, extra: Record<string, unknown> = {}): ErrorBody {
  return { error: code, message: reasonMessage(code, params), messageEn: reasonMessage(code, params, 'en'), ...extra };
}
