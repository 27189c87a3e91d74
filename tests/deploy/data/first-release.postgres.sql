--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id character varying(32),
    actor_name character varying(80) NOT NULL,
    action character varying(40) NOT NULL,
    detail character varying(1000) NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: booth_content; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_content (
    booth character varying(64) NOT NULL,
    title character varying(200) NOT NULL,
    organisation character varying(200) NOT NULL,
    description_de text NOT NULL,
    description_en text NOT NULL,
    links text NOT NULL,
    contact character varying(300) NOT NULL,
    logo character varying(32),
    hidden boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: booth_files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_files (
    id character varying(32) NOT NULL,
    booth character varying(64) NOT NULL,
    kind character varying(16) NOT NULL,
    name character varying(200) NOT NULL,
    content_type character varying(64) NOT NULL,
    size integer NOT NULL,
    data bytea NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: booth_guestbook; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_guestbook (
    id integer NOT NULL,
    booth character varying(64) NOT NULL,
    author_id character varying(32) NOT NULL,
    author_name character varying(80) NOT NULL,
    text character varying(500) NOT NULL,
    answer character varying(500),
    answered_by character varying(80),
    created_at timestamp with time zone NOT NULL
);


--
-- Name: booth_guestbook_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.booth_guestbook_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: booth_guestbook_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.booth_guestbook_id_seq OWNED BY public.booth_guestbook.id;


--
-- Name: booth_open; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_open (
    id integer NOT NULL,
    booth character varying(64) NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone
);


--
-- Name: booth_open_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.booth_open_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: booth_open_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.booth_open_id_seq OWNED BY public.booth_open.id;


--
-- Name: booth_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_requests (
    id character varying(32) NOT NULL,
    booth character varying(64) NOT NULL,
    visitor_id character varying(32) NOT NULL,
    visitor_name character varying(80) NOT NULL,
    email character varying(254),
    state character varying(16) NOT NULL,
    staff_name character varying(80),
    created_at timestamp with time zone NOT NULL,
    answered_at timestamp with time zone
);


--
-- Name: booth_rota; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_rota (
    booth character varying(64) NOT NULL,
    participant_id character varying(32) NOT NULL,
    block integer NOT NULL
);


--
-- Name: booth_staff; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_staff (
    participant_id character varying(32) NOT NULL,
    booth character varying(64) NOT NULL
);


--
-- Name: booth_visits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booth_visits (
    id integer NOT NULL,
    booth character varying(64) NOT NULL,
    participant_id character varying(32) NOT NULL,
    entered_at timestamp with time zone NOT NULL,
    left_at timestamp with time zone
);


--
-- Name: booth_visits_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.booth_visits_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: booth_visits_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.booth_visits_id_seq OWNED BY public.booth_visits.id;


--
-- Name: chat_blocks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chat_blocks (
    blocker_id character varying(32) NOT NULL,
    blocked_id character varying(32) NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: chat_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chat_messages (
    id integer NOT NULL,
    channel character varying(200) NOT NULL,
    author_id character varying(32),
    author_name character varying(80) NOT NULL,
    author_role character varying(20),
    text text NOT NULL,
    at timestamp with time zone NOT NULL,
    question boolean NOT NULL,
    answered boolean NOT NULL,
    deleted boolean NOT NULL
);


--
-- Name: chat_messages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.chat_messages_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: chat_messages_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.chat_messages_id_seq OWNED BY public.chat_messages.id;


--
-- Name: chat_mutes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chat_mutes (
    participant_id character varying(32) NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: chat_reads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chat_reads (
    participant_id character varying(32) NOT NULL,
    channel character varying(200) NOT NULL,
    upto integer NOT NULL
);


--
-- Name: closed_spaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.closed_spaces (
    space character varying(64) NOT NULL
);


--
-- Name: participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participants (
    id character varying(32) NOT NULL,
    name character varying(80) NOT NULL,
    role character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_space character varying(64),
    last_x integer,
    last_y integer,
    last_seen timestamp with time zone,
    email character varying(254),
    organisation character varying(200),
    workshop character varying(64),
    registration character varying(16),
    registered_at timestamp with time zone,
    consent_at timestamp with time zone,
    lang character varying(2)
);


--
-- Name: programme_adjustments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programme_adjustments (
    id integer NOT NULL,
    kind character varying(16) NOT NULL,
    block integer NOT NULL,
    minutes integer,
    cascade boolean,
    at timestamp with time zone,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: programme_adjustments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.programme_adjustments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: programme_adjustments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.programme_adjustments_id_seq OWNED BY public.programme_adjustments.id;


--
-- Name: programme_done; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programme_done (
    block integer NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: programme_done_block_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.programme_done_block_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: programme_done_block_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.programme_done_block_seq OWNED BY public.programme_done.block;


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name character varying(100) NOT NULL,
    applied_at timestamp with time zone NOT NULL
);


--
-- Name: schema_migrations_version_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.schema_migrations_version_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: schema_migrations_version_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.schema_migrations_version_seq OWNED BY public.schema_migrations.version;


--
-- Name: tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tokens (
    digest character varying(64) NOT NULL,
    participant_id character varying(32) NOT NULL,
    purpose character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);


--
-- Name: workshop_seats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshop_seats (
    workshop character varying(64) NOT NULL,
    capacity integer NOT NULL,
    taken integer NOT NULL
);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: booth_guestbook id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_guestbook ALTER COLUMN id SET DEFAULT nextval('public.booth_guestbook_id_seq'::regclass);


--
-- Name: booth_open id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_open ALTER COLUMN id SET DEFAULT nextval('public.booth_open_id_seq'::regclass);


--
-- Name: booth_visits id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_visits ALTER COLUMN id SET DEFAULT nextval('public.booth_visits_id_seq'::regclass);


--
-- Name: chat_messages id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_messages ALTER COLUMN id SET DEFAULT nextval('public.chat_messages_id_seq'::regclass);


--
-- Name: programme_adjustments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programme_adjustments ALTER COLUMN id SET DEFAULT nextval('public.programme_adjustments_id_seq'::regclass);


--
-- Name: programme_done block; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programme_done ALTER COLUMN block SET DEFAULT nextval('public.programme_done_block_seq'::regclass);


--
-- Name: schema_migrations version; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations ALTER COLUMN version SET DEFAULT nextval('public.schema_migrations_version_seq'::regclass);


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_log VALUES (1, '2026-12-07 15:56:57.702156+00', '2e429bf960ca4da5a80fc833d73d2485', 'Mona Moderator', 'announce', 'everyone: Gleich geht es los');


--
-- Data for Name: booth_content; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.booth_content VALUES ('strategy', 'L&T Strategieentwicklungsprojekt', 'Hochschule Zittau/Görlitz', 'Das Strategieentwicklungsprojekt von L&T an der Hochschule Zittau/Görlitz wird von Prof. Raj Kollmorgen geleitet, dem Konsortialführer des Bündnisses. Hier geht es um die strategischen Ansätze, die Weiterentwicklung des Bündnisses und seine nächste Phase.', 'The L&T strategy development project at Hochschule Zittau/Görlitz is led by Prof. Raj Kollmorgen, the alliance''s consortium leader. It covers the strategic approaches, the further development of the alliance and its next phase.', '[]', '', NULL, false, '2026-12-07 15:56:57.7082+00');
INSERT INTO public.booth_content VALUES ('innovation-management', 'L&T Innovationsmanagement', 'Lausitz – Life & Technology (L&T)', 'Das zukünftige Innovationsmanagement von L&T stellt seine Arbeit und Rolle vor, damit aus regionalen Ideen lokales Wachstum entsteht.', 'L&T''s future innovation management presents its work and role, so that regional ideas turn into local growth.', '[]', '', NULL, false, '2026-12-07 15:56:57.713984+00');
INSERT INTO public.booth_content VALUES ('stem-education', 'Innovationsfeld außerschulische MINT-Bildung', 'Lausitz – Life & Technology (L&T)', 'Außerschulische MINT-Bildung der Zukunft: Welche neuen Technologien und Kompetenzen braucht die Oberlausitz? Das Thema wird in Workshop 2 vertieft.', 'Out-of-school STEM education of the future: which new technologies and skills does Upper Lusatia need? Workshop 2 takes the topic further.', '[]', '', NULL, false, '2026-12-07 15:56:57.715007+00');
INSERT INTO public.booth_content VALUES ('energy', 'Speicher für die Lausitz', 'Lausitz – Life & Technology (L&T)', 'Partizipative und nachhaltige Innovationsdynamik am Beispiel effizienter Energiespeicher- und Energiesysteme und deren gesellschaftliche Akzeptanz im Strukturwandelprozess. Das Thema wird in Workshop 1 vertieft.', 'Participatory and sustainable innovation dynamics, using efficient energy storage and energy systems and their social acceptance in the process of structural change as an example. Workshop 1 takes the topic further.', '[{"title": "Web", "url": "https://example.org"}]', '', 'd346db0a20c00c316c201b77860009da', false, '2026-12-07 15:56:57.732341+00');


--
-- Data for Name: booth_files; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.booth_files VALUES ('d346db0a20c00c316c201b77860009da', 'energy', 'logo', 'logo.png', 'image/png', 17, '\x89504e472066697874757265206c6f676f', '2026-12-07 15:56:57.743869+00');


--
-- Data for Name: booth_guestbook; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booth_open; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booth_requests; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booth_rota; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booth_staff; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booth_visits; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: chat_blocks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: chat_messages; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.chat_messages VALUES (1, 'space:lobby', '2e429bf960ca4da5a80fc833d73d2485', 'Mona Moderator', 'moderator', 'Willkommen im Foyer!', '2026-12-07 15:56:57.689205+00', false, false, false);


--
-- Data for Name: chat_mutes; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: chat_reads; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: closed_spaces; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: participants; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.participants VALUES ('f7ea63d51e5c4dcd97835b57c661c64b', 'Greta Gründerin', 'participant', '2026-12-07 15:56:57.663553+00', NULL, NULL, NULL, NULL, 'greta@example.org', 'HSZG', 'workshop-2', 'registered', '2026-12-07 15:56:57.663558+00', '2026-12-07 15:56:57.663558+00', 'de');
INSERT INTO public.participants VALUES ('2e429bf960ca4da5a80fc833d73d2485', 'Mona Moderator', 'moderator', '2026-12-07 15:56:57.680643+00', 'lobby', 400, 300, '2026-12-07 15:56:57.77119+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL);


--
-- Data for Name: programme_adjustments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.programme_adjustments VALUES (1, 'delay', 1, 10, true, NULL, '2026-12-07 15:56:57.693859+00');


--
-- Data for Name: programme_done; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_migrations VALUES (1, 'participants', '2026-12-07 15:56:57.034534+00');
INSERT INTO public.schema_migrations VALUES (2, 'registration, tokens, seats, booth staff', '2026-12-07 15:56:57.306441+00');
INSERT INTO public.schema_migrations VALUES (3, 'programme state and audit log', '2026-12-07 15:56:57.345641+00');
INSERT INTO public.schema_migrations VALUES (4, 'chat', '2026-12-07 15:56:57.366256+00');
INSERT INTO public.schema_migrations VALUES (5, 'exhibition', '2026-12-07 15:56:57.517521+00');


--
-- Data for Name: tokens; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: workshop_seats; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.workshop_seats VALUES ('workshop-1', 60, 0);
INSERT INTO public.workshop_seats VALUES ('workshop-2', 60, 1);


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_id_seq', 1, true);


--
-- Name: booth_guestbook_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.booth_guestbook_id_seq', 1, false);


--
-- Name: booth_open_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.booth_open_id_seq', 1, false);


--
-- Name: booth_visits_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.booth_visits_id_seq', 1, false);


--
-- Name: chat_messages_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.chat_messages_id_seq', 1, true);


--
-- Name: programme_adjustments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.programme_adjustments_id_seq', 1, true);


--
-- Name: programme_done_block_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.programme_done_block_seq', 1, false);


--
-- Name: schema_migrations_version_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.schema_migrations_version_seq', 1, false);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: booth_content booth_content_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_content
    ADD CONSTRAINT booth_content_pkey PRIMARY KEY (booth);


--
-- Name: booth_files booth_files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_files
    ADD CONSTRAINT booth_files_pkey PRIMARY KEY (id);


--
-- Name: booth_guestbook booth_guestbook_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_guestbook
    ADD CONSTRAINT booth_guestbook_pkey PRIMARY KEY (id);


--
-- Name: booth_open booth_open_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_open
    ADD CONSTRAINT booth_open_pkey PRIMARY KEY (id);


--
-- Name: booth_requests booth_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_requests
    ADD CONSTRAINT booth_requests_pkey PRIMARY KEY (id);


--
-- Name: booth_rota booth_rota_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_rota
    ADD CONSTRAINT booth_rota_pkey PRIMARY KEY (booth, participant_id, block);


--
-- Name: booth_staff booth_staff_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_staff
    ADD CONSTRAINT booth_staff_pkey PRIMARY KEY (participant_id, booth);


--
-- Name: booth_visits booth_visits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_visits
    ADD CONSTRAINT booth_visits_pkey PRIMARY KEY (id);


--
-- Name: chat_blocks chat_blocks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_blocks
    ADD CONSTRAINT chat_blocks_pkey PRIMARY KEY (blocker_id, blocked_id);


--
-- Name: chat_messages chat_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_messages
    ADD CONSTRAINT chat_messages_pkey PRIMARY KEY (id);


--
-- Name: chat_mutes chat_mutes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_mutes
    ADD CONSTRAINT chat_mutes_pkey PRIMARY KEY (participant_id);


--
-- Name: chat_reads chat_reads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_reads
    ADD CONSTRAINT chat_reads_pkey PRIMARY KEY (participant_id, channel);


--
-- Name: closed_spaces closed_spaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.closed_spaces
    ADD CONSTRAINT closed_spaces_pkey PRIMARY KEY (space);


--
-- Name: participants participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_pkey PRIMARY KEY (id);


--
-- Name: programme_adjustments programme_adjustments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programme_adjustments
    ADD CONSTRAINT programme_adjustments_pkey PRIMARY KEY (id);


--
-- Name: programme_done programme_done_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programme_done
    ADD CONSTRAINT programme_done_pkey PRIMARY KEY (block);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: tokens tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tokens
    ADD CONSTRAINT tokens_pkey PRIMARY KEY (digest);


--
-- Name: workshop_seats workshop_seats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshop_seats
    ADD CONSTRAINT workshop_seats_pkey PRIMARY KEY (workshop);


--
-- Name: ix_booth_files_booth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_booth_files_booth ON public.booth_files USING btree (booth);


--
-- Name: ix_booth_guestbook_booth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_booth_guestbook_booth ON public.booth_guestbook USING btree (booth);


--
-- Name: ix_booth_open_booth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_booth_open_booth ON public.booth_open USING btree (booth);


--
-- Name: ix_booth_requests_booth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_booth_requests_booth ON public.booth_requests USING btree (booth);


--
-- Name: ix_booth_visits_booth; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_booth_visits_booth ON public.booth_visits USING btree (booth);


--
-- Name: ix_chat_messages_author; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_chat_messages_author ON public.chat_messages USING btree (author_id);


--
-- Name: ix_chat_messages_channel; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_chat_messages_channel ON public.chat_messages USING btree (channel, id);


--
-- Name: ix_participants_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ix_participants_email ON public.participants USING btree (email);


--
-- Name: ix_participants_waiting; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_participants_waiting ON public.participants USING btree (workshop, registration);


--
-- Name: ix_tokens_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tokens_participant ON public.tokens USING btree (participant_id);


--
-- Name: booth_guestbook booth_guestbook_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_guestbook
    ADD CONSTRAINT booth_guestbook_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: booth_requests booth_requests_visitor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_requests
    ADD CONSTRAINT booth_requests_visitor_id_fkey FOREIGN KEY (visitor_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: booth_rota booth_rota_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_rota
    ADD CONSTRAINT booth_rota_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: booth_staff booth_staff_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_staff
    ADD CONSTRAINT booth_staff_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: booth_visits booth_visits_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booth_visits
    ADD CONSTRAINT booth_visits_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: chat_blocks chat_blocks_blocked_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_blocks
    ADD CONSTRAINT chat_blocks_blocked_id_fkey FOREIGN KEY (blocked_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: chat_blocks chat_blocks_blocker_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_blocks
    ADD CONSTRAINT chat_blocks_blocker_id_fkey FOREIGN KEY (blocker_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: chat_mutes chat_mutes_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_mutes
    ADD CONSTRAINT chat_mutes_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: chat_reads chat_reads_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chat_reads
    ADD CONSTRAINT chat_reads_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: tokens tokens_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tokens
    ADD CONSTRAINT tokens_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


