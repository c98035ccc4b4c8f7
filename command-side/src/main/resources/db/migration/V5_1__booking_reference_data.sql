-- Reference data of the spaces and bookings context, as the source system served it to its front end:
-- districts with coordinates (Seoul's 25 districts, at their district offices), space categories and
-- facilities. A space must name a category, a district and known facilities. This is seeded
-- configuration, not state of either side: the command side validates against it and the query side
-- serves it and names things with it. Add rows with a new migration, never by hand.

CREATE TABLE booking_district (
    district_id  integer       PRIMARY KEY,
    name         varchar(50)   NOT NULL UNIQUE,
    name_en      varchar(50)   NOT NULL,
    latitude     numeric(9, 6) NOT NULL,
    longitude    numeric(9, 6) NOT NULL
);

CREATE TABLE booking_category (
    category_id  integer      PRIMARY KEY,
    name         varchar(50)  NOT NULL UNIQUE,
    name_en      varchar(50)  NOT NULL
);

CREATE TABLE booking_facility (
    facility_id  integer      PRIMARY KEY,
    name         varchar(50)  NOT NULL UNIQUE,
    name_en      varchar(50)  NOT NULL
);

INSERT INTO booking_district (district_id, name, name_en, latitude, longitude) VALUES
    (1,  '강남구',   'Gangnam-gu',      37.517236, 127.047325),
    (2,  '강동구',   'Gangdong-gu',     37.530126, 127.123770),
    (3,  '강북구',   'Gangbuk-gu',      37.639610, 127.025657),
    (4,  '강서구',   'Gangseo-gu',      37.550937, 126.849642),
    (5,  '관악구',   'Gwanak-gu',       37.478406, 126.951613),
    (6,  '광진구',   'Gwangjin-gu',     37.538484, 127.082294),
    (7,  '구로구',   'Guro-gu',         37.495403, 126.887369),
    (8,  '금천구',   'Geumcheon-gu',    37.456872, 126.895229),
    (9,  '노원구',   'Nowon-gu',        37.654259, 127.056294),
    (10, '도봉구',   'Dobong-gu',       37.668768, 127.047163),
    (11, '동대문구', 'Dongdaemun-gu',   37.574368, 127.039580),
    (12, '동작구',   'Dongjak-gu',      37.512400, 126.939300),
    (13, '마포구',   'Mapo-gu',         37.566324, 126.901491),
    (14, '서대문구', 'Seodaemun-gu',    37.579115, 126.936778),
    (15, '서초구',   'Seocho-gu',       37.483712, 127.032411),
    (16, '성동구',   'Seongdong-gu',    37.563341, 127.036942),
    (17, '성북구',   'Seongbuk-gu',     37.589400, 127.016749),
    (18, '송파구',   'Songpa-gu',       37.514543, 127.105918),
    (19, '양천구',   'Yangcheon-gu',    37.517016, 126.866642),
    (20, '영등포구', 'Yeongdeungpo-gu', 37.526371, 126.896228),
    (21, '용산구',   'Yongsan-gu',      37.532527, 126.990430),
    (22, '은평구',   'Eunpyeong-gu',    37.602784, 126.928800),
    (23, '종로구',   'Jongno-gu',       37.573028, 126.979378),
    (24, '중구',     'Jung-gu',         37.563656, 126.997510),
    (25, '중랑구',   'Jungnang-gu',     37.606324, 127.092584);

INSERT INTO booking_category (category_id, name, name_en) VALUES
    (1,  '파티룸',       'Party room'),
    (2,  '스터디룸',     'Study room'),
    (3,  '회의실',       'Meeting room'),
    (4,  '세미나실',     'Seminar room'),
    (5,  '연습실',       'Practice room'),
    (6,  '촬영스튜디오', 'Photo studio'),
    (7,  '공연장',       'Performance hall'),
    (8,  '카페',         'Cafe'),
    (9,  '공유주방',     'Shared kitchen'),
    (10, '루프탑',       'Rooftop'),
    (11, '강의실',       'Lecture room'),
    (12, '갤러리',       'Gallery');

INSERT INTO booking_facility (facility_id, name, name_en) VALUES
    (1,  '와이파이',     'Wi-Fi'),
    (2,  '주차',         'Parking'),
    (3,  '프로젝터',     'Projector'),
    (4,  '화이트보드',   'Whiteboard'),
    (5,  '음향장비',     'Sound system'),
    (6,  '에어컨',       'Air conditioning'),
    (7,  '난방기',       'Heating'),
    (8,  '취사시설',     'Kitchen'),
    (9,  '냉장고',       'Refrigerator'),
    (10, 'TV/모니터',    'TV / monitor'),
    (11, '내부화장실',   'Private restroom'),
    (12, '샤워시설',     'Shower'),
    (13, '흡연구역',     'Smoking area'),
    (14, '반려동물 동반', 'Pets allowed'),
    (15, '엘리베이터',   'Elevator');
